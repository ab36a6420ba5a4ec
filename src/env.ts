const ON = ['1', 'true', 'yes', 'on'];
const OFF = ['0', 'false', 'no', 'off'];

/** a yes/no setting from the environment: 1/true/yes/on or 0/false/no/off, else the default */
export function envFlag(name: string, fallback: boolean): boolean {
  const value = String(process.env[name] ?? '').trim().toLowerCase();
  return ON.includes(value) ? true : OFF.includes(value) ? false : fallback;
}
