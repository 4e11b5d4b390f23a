// The Tiptap half of RichTextField (rich-text-editor.tsx), loaded in the browser only: on the
// server this module is empty and the field stays a plain textarea.
import { ListItem } from "@tiptap/extension-list";
import { type Editor, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";

import type { TranslationKey } from "#app/utils/i18n";

import { useT } from "./i18n";

// What the stored HTML can hold (app/utils/rich-text.server.ts): no code, no h1 or h4 from here.
// Tab must leave the field like in any form (WCAG 2.1.2), so list items do not bind it: a charter
// has flat lists, and the plain format has no nesting either.
const FlatListItem = ListItem.extend({
  addKeyboardShortcuts() {
    return { Enter: () => this.editor.commands.splitListItem(this.name) };
  },
});

const EXTENSIONS = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    listItem: false,
    // It would append an empty paragraph to every text, stored as "<p></p>".
    trailingNode: false,
    heading: { levels: [2, 3] },
    link: { openOnClick: false, protocols: [], defaultProtocol: "https" },
  }),
  FlatListItem,
];

type Tool = { key: string; label: TranslationKey; active: (e: Editor) => boolean; run: (e: Editor) => void };

const TOOLS: Tool[] = [
  { key: "bold", label: "richText.bold", active: (e) => e.isActive("bold"), run: (e) => e.chain().focus().toggleBold().run() },
  { key: "italic", label: "richText.italic", active: (e) => e.isActive("italic"), run: (e) => e.chain().focus().toggleItalic().run() },
  {
    key: "h2",
    label: "richText.heading2",
    active: (e) => e.isActive("heading", { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    key: "h3",
    label: "richText.heading3",
    active: (e) => e.isActive("heading", { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  { key: "ul", label: "richText.bulletList", active: (e) => e.isActive("bulletList"), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: "ol", label: "richText.orderedList", active: (e) => e.isActive("orderedList"), run: (e) => e.chain().focus().toggleOrderedList().run() },
];

const ICONS: Record<string, string> = { bold: "B", italic: "I", h2: "T", h3: "t", ul: "•", ol: "1." };

const valueOf = (editor: Editor) => (editor.isEmpty ? "" : editor.getHTML());

export function TiptapEditor({
  id,
  name,
  formatName,
  initialHtml,
  labelId,
  describedBy,
  invalid,
  onReady,
}: {
  id: string;
  name: string;
  formatName: string;
  initialHtml: string;
  labelId: string;
  describedBy: string;
  invalid: boolean;
  /** Receives a function that focuses the editable area (for a click on the label). */
  onReady?: (focus: () => void) => void;
}) {
  const t = useT();
  const [html, setHtml] = useState(initialHtml);
  const editorProps = useMemo(
    () => ({
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        "aria-describedby": describedBy,
        "aria-invalid": invalid ? "true" : "false",
        class: "rich-text__area",
      },
    }),
    [id, labelId, describedBy, invalid],
  );
  const editor = useEditor({
    // Rendered after hydration only (the server shows the textarea): no hydration mismatch.
    immediatelyRender: false,
    extensions: EXTENSIONS,
    content: initialHtml,
    editorProps,
    onCreate: ({ editor }) => setHtml(valueOf(editor)),
    onUpdate: ({ editor }) => setHtml(valueOf(editor)),
  });
  useEffect(() => {
    if (editor) onReady?.(() => editor.commands.focus());
  }, [editor, onReady]);

  return (
    <div className="rich-text__editor">
      <input type="hidden" name={formatName} value="html" />
      <input type="hidden" name={name} value={html} />
      {editor ? <Toolbar editor={editor} controls={id} label={t("richText.toolbar")} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

/** A toolbar as in the WAI-ARIA pattern: one tab stop, arrow keys move between the buttons. */
function Toolbar({ editor, controls, label }: { editor: Editor; controls: string; label: string }) {
  const t = useT();
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({ editor, selector: ({ editor: e }) => TOOLS.map((tool) => (e ? tool.active(e) : false)) });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = TOOLS.length - 1;
    const next =
      event.key === "ArrowRight"
        ? current === last
          ? 0
          : current + 1
        : event.key === "ArrowLeft"
          ? current === 0
            ? last
            : current - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setCurrent(next);
    buttons.current[next]?.focus();
  }

  return (
    <div role="toolbar" aria-label={label} aria-controls={controls} className="rich-text__toolbar" onKeyDown={onKeyDown}>
      {TOOLS.map((tool, i) => (
        <button
          key={tool.key}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          className={`rich-text__tool rich-text__tool--${tool.key}`}
          aria-pressed={active?.[i] ?? false}
          tabIndex={i === current ? 0 : -1}
          onFocus={() => setCurrent(i)}
          onClick={() => {
            // Synchronously: Tiptap's focus() waits a frame, and the next keystroke would be lost.
            editor.view.focus();
            tool.run(editor);
          }}
        >
          <span aria-hidden="true" className="rich-text__icon">
            {ICONS[tool.key]}
          </span>
          <span className="rich-text__tool-label">{t(tool.label)}</span>
        </button>
      ))}
    </div>
  );
}
