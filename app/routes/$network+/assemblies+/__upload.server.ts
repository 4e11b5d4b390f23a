// The message beside the file field of an assembly's upload forms (a document, a paper proxy's
// scan). The charter's own messages speak of the signed charter; these speak of any file.
import { messageWithVars } from "#app/utils/i18n";
import { MAX_SCAN_BYTES, type UploadErrorKey } from "#app/utils/uploads.server";

const MESSAGES: Record<UploadErrorKey, string> = {
  "upload.error.noFile": "upload.fileError.noFile",
  "upload.error.empty": "upload.fileError.empty",
  "upload.error.tooLarge": "upload.fileError.tooLarge",
  "upload.error.type": "upload.fileError.type",
};

export function fileErrorMessage(key: UploadErrorKey | null): string | null {
  if (!key) return null;
  return key === "upload.error.tooLarge" ? messageWithVars(MESSAGES[key], { max: MAX_SCAN_BYTES / (1024 * 1024) }) : MESSAGES[key];
}
