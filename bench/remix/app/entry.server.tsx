// The app's own document renderer, so the ceiling renders exactly as Maillage does.
export { default, handleError } from "../../../app/entry.server";
