/**
 * What a legacy Office file (an OLE2 compound file: .doc, .xls, .ppt) is, from the names in its
 * directory: the directory's sectors are found through the allocation table, read by ranges, and their
 * storage and stream names compared. A VBA storage (`Macros`, `_VBA_PROJECT_CUR`, `VBA`) is refused;
 * PowerPoint keeps its macros inside its document stream, so a .ppt is accepted flagged as legacy.
 */
import type { ByteSource } from './byteSource.js';

/** The OLE2 signature. */
export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A legacy Office check's answer. */
export type OleVerdict =
  | { ok: true; kind: 'doc' | 'xls' | 'ppt' }
  | { ok: false; code: 'type_not_allowed' | 'macro_enabled'; detail: string };

const END_OF_CHAIN = 0xfffffffe;
/** The most directory sectors read (a real document has a handful). */
const MAX_DIRECTORY_SECTORS = 4096;
/** The most DIFAT sectors followed. */
const MAX_DIFAT_SECTORS = 4096;

const MACRO_STORAGES = new Set(['macros', '_vba_project_cur', '_vba_project', 'vba']);

class Damaged extends Error {}

/** Reads the compound file's directory names. */
class CompoundFile {
  private readonly fatSectors = new Map<number, Buffer>();
  private difat: number[] = [];
  private sectorSize = 512;

  constructor(private readonly source: ByteSource) {}

  private offsetOf(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  private async sector(sector: number): Promise<Buffer> {
    const at = this.offsetOf(sector);
    const bytes = await this.source.read(at, at + this.sectorSize);
    if (bytes.length < this.sectorSize) throw new Damaged(`sector ${sector} lies outside the file`);
    return bytes;
  }

  async open(): Promise<void> {
    const header = await this.source.read(0, 512);
    if (header.length < 512 || !header.subarray(0, 8).equals(OLE_MAGIC)) throw new Damaged('no header');
    const shift = header.readUInt16LE(30);
    if (shift !== 9 && shift !== 12) throw new Damaged('an unknown sector size');
    this.sectorSize = 1 << shift;
    for (let i = 0; i < 109; i += 1) {
      const fat = header.readUInt32LE(76 + i * 4);
      if (fat < END_OF_CHAIN) this.difat.push(fat);
    }
    let next = header.readUInt32LE(68);
    const perSector = this.sectorSize / 4 - 1;
    for (let hops = 0; next < END_OF_CHAIN; hops += 1) {
      if (hops >= MAX_DIFAT_SECTORS) throw new Damaged('a DIFAT chain too long');
      const bytes = await this.sector(next);
      for (let i = 0; i < perSector; i += 1) {
        const fat = bytes.readUInt32LE(i * 4);
        if (fat < END_OF_CHAIN) this.difat.push(fat);
      }
      next = bytes.readUInt32LE(perSector * 4);
    }
    this.firstDirectorySector = header.readUInt32LE(48);
  }

  private firstDirectorySector = END_OF_CHAIN;

  /** The sector after `sector` in its chain. */
  private async next(sector: number): Promise<number> {
    const perSector = this.sectorSize / 4;
    const index = Math.floor(sector / perSector);
    const location = this.difat[index];
    if (location === undefined) throw new Damaged(`sector ${sector} is not in the allocation table`);
    let table = this.fatSectors.get(location);
    if (!table) {
      table = await this.sector(location);
      this.fatSectors.set(location, table);
    }
    return table.readUInt32LE((sector % perSector) * 4);
  }

  /** The names of the directory's storages and streams. */
  async names(): Promise<string[]> {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let sector = this.firstDirectorySector; sector < END_OF_CHAIN; sector = await this.next(sector)) {
      if (seen.has(sector) || seen.size >= MAX_DIRECTORY_SECTORS) throw new Damaged('a looping directory');
      seen.add(sector);
      const bytes = await this.sector(sector);
      for (let at = 0; at + 128 <= bytes.length; at += 128) {
        const type = bytes[at + 66];
        const nameBytes = Math.min(bytes.readUInt16LE(at + 64), 64);
        if ((type === 1 || type === 2) && nameBytes >= 2)
          names.push(bytes.toString('utf16le', at, at + nameBytes - 2));
      }
    }
    return names;
  }
}

/** Checks an OLE2 file and says which legacy Office document it is, or why it is refused. */
export async function inspectOle(source: ByteSource): Promise<OleVerdict> {
  let names: string[];
  try {
    const file = new CompoundFile(source);
    await file.open();
    names = (await file.names()).map((name) => name.toLowerCase());
  } catch (error) {
    if (error instanceof Damaged)
      return {
        ok: false,
        code: 'type_not_allowed',
        detail: 'The file is a damaged Office file and cannot be checked.',
      };
    throw error;
  }
  const has = (name: string) => names.includes(name);
  if (names.some((name) => MACRO_STORAGES.has(name)))
    return {
      ok: false,
      code: 'macro_enabled',
      detail: 'The document contains macros, which are refused; save it without macros.',
    };
  if (has('encryptioninfo') || has('encryptedpackage'))
    return {
      ok: false,
      code: 'type_not_allowed',
      detail: 'Password-protected Office files cannot be checked; remove the password and upload it again.',
    };
  if (has('worddocument')) return { ok: true, kind: 'doc' };
  if (has('workbook') || has('book')) return { ok: true, kind: 'xls' };
  if (has('powerpoint document')) return { ok: true, kind: 'ppt' };
  return {
    ok: false,
    code: 'type_not_allowed',
    detail: 'The file is an OLE2 file of a type that is not accepted.',
  };
}
