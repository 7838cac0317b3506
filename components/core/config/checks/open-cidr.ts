// A CIDR that admits every address: refused for the API server on both clouds, where "restricted to
// these ranges" must mean something.

/** `0.0.0.0/0`, `::/0`, or any other prefix of length 0. */
export function isOpenToEveryone(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}

/** The first open-to-everyone range of a list, if any. */
export function openRange(cidrs: readonly string[]): string | undefined {
  return cidrs.find(isOpenToEveryone);
}
