// A zip package (.docx, .xlsx) is inflated under a limit before any parser sees it: a zip bomb
// stops here in well under a second, whatever sizes its directory declares.
import yauzl from 'yauzl';

/** the most a zip package may inflate to: its XML, not its images, is what a document's text needs */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

export class ZipError extends Error {}

/** inflates every entry, counting the bytes that really come out (the sizes a zip declares can lie); returns the entry names */
export async function checkInflatedSize(bytes: Buffer, limit = MAX_INFLATED_BYTES): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, z) => (error ? reject(new ZipError(`not a zip package (${error.message})`)) : resolve(z))),
  );
  const names: string[] = [];
  let total = 0;
  const tooBig = () => new ZipError(`it inflates to more than ${limit} bytes (a zip bomb, or a document far larger than a work document)`);
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      reject(error instanceof ZipError ? error : new ZipError(error.message));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      if (total + entry.uncompressedSize > limit) return fail(tooBig());
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            stream.destroy();
            fail(tooBig());
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
  return names;
}
