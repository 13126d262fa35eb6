import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeHtml } from "../../../../provider/review/html-text";

describe("provider/review/html-text", () => {
  it("markup characters become character references, safe in element content and quoted attributes alike", () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`), "&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;Tom &#38; Jerry&#60;/a&#62;");
    assert.equal(escapeHtml("Ökonomie – Teil 2"), "Ökonomie – Teil 2", "other text is left as it is");
  });

  it("hidden characters are shown by their code point, whose brackets are escaped in turn", () => {
    assert.equal(escapeHtml("phy\u200b-final\u202e"), "phy&#60;U+200B&#62;-final&#60;U+202E&#62;");
    assert.equal(escapeHtml("line\none\ttab"), "line\none\ttab", "tab and line breaks are not hidden");
  });
});
