// Which K=V items a comma split cut in two. Both plugins (drone-kaniko and drone-docker) read
// PLUGIN_BUILD_ARGS and PLUGIN_CUSTOM_LABELS as comma lists, so a value holding "," comes out
// as a K=V item followed by an item without "=" (the rest of the value).

/**
 * The keys whose value a comma split cut: an item without "=" after a K=V item continues that
 * value. Only keys are returned: build-arg values may be secrets.
 */
export function commaSplitKeys(items: readonly string[]): string[] {
  const cutKeys: string[] = [];
  let lastKey: string | undefined;
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq >= 0) {
      lastKey = item.slice(0, eq);
    } else if (item !== "" && lastKey !== undefined && !cutKeys.includes(lastKey)) {
      cutKeys.push(lastKey);
    }
  }
  return cutKeys;
}
