import { escapeHidden } from "../exam/characters";

/** Text as HTML (or SVG) shows it, in element content and in quoted attribute values alike; hidden characters as `<U+200B>`. */
export function escapeHtml(text: string): string {
  return escapeHidden(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
