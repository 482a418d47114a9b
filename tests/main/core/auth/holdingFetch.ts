// A fetch for race tests: once armed, it holds the next answer from a token endpoint (a path
// the test names) until the test releases it, so a sign-out or reconnect can be run while a
// refresh is certainly in flight, whatever the machine's speed.

export interface HoldingFetch {
  fetch: typeof fetch;
  /** Arms the hold; `arrived` resolves once the server has answered and the answer is held. */
  hold(): { arrived: Promise<void>; release: () => void };
}

export function holdingFetch(isTokenEndpoint: (pathname: string) => boolean): HoldingFetch {
  let armed: { arrived: () => void; released: Promise<void> } | null = null;
  const f: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (armed && isTokenEndpoint(new URL(url).pathname)) {
      const a = armed;
      armed = null;
      a.arrived();
      await a.released;
    }
    return res;
  };
  return {
    fetch: f,
    hold() {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const released = new Promise<void>((r) => (release = r));
      armed = { arrived, released };
      return { arrived: arrivedP, release };
    },
  };
}
