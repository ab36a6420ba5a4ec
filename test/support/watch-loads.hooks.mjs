// module resolution hooks (they run off the main thread): each module of ours, once resolved
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith('file:') && !resolved.url.includes('/node_modules/')) process.stderr.write(`loaded ${resolved.url}\n`);
  return resolved;
}
