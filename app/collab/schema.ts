// What a live document can hold: the Tiptap extensions of the collaborative editor, shared by the
// browser (app/components/recommendation-editor.client.tsx) and the server (seeding, restoring a
// version, the HTML snapshot), so both read and write the same schema. The same blocks as the
// other rich texts (app/utils/rich-text.server.ts): paragraphs, headings 2 and 3, lists, quotes,
// bold, italic, links. Tiptap's own undo/redo is off: under collaboration it would undo the
// others' edits too (the Collaboration extension brings Yjs's own undo, which undoes one's own).
import { ListItem } from "@tiptap/extension-list";
import StarterKit from "@tiptap/starter-kit";

const FlatListItem = ListItem.extend({
  addKeyboardShortcuts() {
    return { Enter: () => this.editor.commands.splitListItem(this.name) };
  },
});

export const COLLAB_EXTENSIONS = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    listItem: false,
    trailingNode: false,
    undoRedo: false,
    heading: { levels: [2, 3] },
    link: { openOnClick: false, protocols: [], defaultProtocol: "https" },
  }),
  FlatListItem,
];

/** The Yjs field the editor writes into (Tiptap's Collaboration extension default). */
export const COLLAB_FIELD = "default";

/** ProseMirror JSON, as the editor and y-tiptap write it. */
export type DocJson = {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: DocJson[];
};
