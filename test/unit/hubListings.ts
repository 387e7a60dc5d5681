/** Recorded hub listings (test/fixtures/hubListings/): what the hub lists for each catalog repository, with sources. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One file of a recorded hub listing. */
export interface ListedFile {
  path: string;
  size: number;
  confirmed: boolean;
  note?: string;
}
export interface HubListing {
  repo: string;
  status: 'confirmed' | 'partial';
  sources: string[];
  unconfirmed?: string[];
  files: ListedFile[];
}

export const LISTINGS_DIR = path.resolve(__dirname, '../fixtures/hubListings');

/** The recorded listing of a hub repository ("org/name" is stored as "org__name.json"). */
export function readListing(repo: string): HubListing {
  return JSON.parse(readFileSync(path.join(LISTINGS_DIR, `${repo.replace('/', '__')}.json`), 'utf8')) as HubListing;
}
