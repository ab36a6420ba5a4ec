/**
 * Appends items one by one: `push(...items)` passes every item as an argument, and a list of
 * 130,000 names or characters overflows the call stack.
 */
export function append<T>(to: T[], items: Iterable<T>): T[] {
  for (const item of items) to.push(item);
  return to;
}
