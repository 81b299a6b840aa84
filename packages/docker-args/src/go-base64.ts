// Go's base64.StdEncoding.DecodeString, which the GCR and GAR wrappers try on the JSON key: the
// standard alphabet with `=` padding, line breaks (\r, \n) ignored anywhere; anything else fails,
// and the key is then used as given.

const STANDARD_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded text (bytes read as UTF-8), or undefined where Go's decoder fails. */
export function decodeGoBase64(text: string): string | undefined {
  const withoutLineBreaks = text.replace(/[\r\n]/g, "");
  if (!STANDARD_PADDED.test(withoutLineBreaks)) return undefined;
  return Buffer.from(withoutLineBreaks, "base64").toString("utf8");
}
