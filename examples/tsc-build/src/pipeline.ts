// An async pipeline: fetch records from a (simulated) slow source, parse and enrich each,
// retry the flaky ones, and aggregate. tsc type-checks it as ordinary async code; the
// tspoll transformer lowers every async function to a poll state machine at emit.

export interface RawRecord {
  id: number;
  body: string;
}

export interface Record {
  id: number;
  words: number;
  tag: string;
}

export interface Report {
  count: number;
  words: number;
  retries: number;
  tags: string[];
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A source whose every third read fails once, to exercise the retry path. */
export class Source {
  private failed = new Set<number>();
  retries = 0;

  async read(id: number): Promise<RawRecord> {
    await delay(1);
    if (id % 3 === 0 && !this.failed.has(id)) {
      this.failed.add(id);
      throw new Error(`transient failure reading ${id}`);
    }
    return { id, body: `record ${id} has ${id + 1} words`.padEnd(10 + id, ' x') };
  }

  async readWithRetry(id: number, attempts = 3): Promise<RawRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.read(id);
      } catch (e) {
        if (attempt >= attempts) throw e;
        this.retries++;
      }
    }
  }
}

async function enrich(raw: RawRecord): Promise<Record> {
  const words = raw.body.trim().split(/\s+/).length;
  const tag = await Promise.resolve(words > 6 ? 'long' : 'short');
  return { id: raw.id, words, tag };
}

export async function runPipeline(source: Source, ids: number[]): Promise<Report> {
  const records: Record[] = [];
  for (const id of ids) {
    const raw = await source.readWithRetry(id);
    records.push(await enrich(raw));
  }
  const tags = [...new Set(records.map((r) => r.tag))].sort();
  return {
    count: records.length,
    words: records.reduce((n, r) => n + r.words, 0),
    retries: source.retries,
    tags,
  };
}
