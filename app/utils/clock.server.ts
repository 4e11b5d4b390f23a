// The time the app believes it is. Tests move it (setNow) to check expiry and "open now".
let frozen: Date | undefined;
export function now(): Date {
  return frozen ? new Date(frozen) : new Date();
}
export function setNow(date: Date | undefined) {
  frozen = date;
}
