/**
 * Latest-only request scheduling: at most one request in flight and one waiting. A new request
 * replaces the waiting one (which is then never sent), and the reply of a request that has been
 * superseded resolves to `null`. During a slider drag the worker thus computes at most two configs
 * per reply, and the newest config's reply arrives within one or two computations.
 */
export function latestOnly<Req, Res>(send: (req: Req) => Promise<Res>): (req: Req) => Promise<Res | null> {
  let seq = 0;
  let inFlight = false;
  let waiting: { req: Req; seq: number; resolve: (r: Res | null) => void; reject: (e: unknown) => void } | null = null;

  function pump(): void {
    if (inFlight || !waiting) return;
    const job = waiting;
    waiting = null;
    inFlight = true;
    send(job.req).then(
      (res) => {
        inFlight = false;
        job.resolve(job.seq === seq ? res : null);
        pump();
      },
      (err: unknown) => {
        inFlight = false;
        if (job.seq === seq) job.reject(err);
        else job.resolve(null);
        pump();
      },
    );
  }

  return (req: Req) =>
    new Promise<Res | null>((resolve, reject) => {
      const mySeq = ++seq;
      if (waiting) waiting.resolve(null);
      waiting = { req, seq: mySeq, resolve, reject };
      pump();
    });
}
