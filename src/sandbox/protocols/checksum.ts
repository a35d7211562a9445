// The request checksums S3 verifies (x-amz-checksum-*): table-driven CRCs, because zlib.crc32 only exists
// from Node 20.15 / 22.2 and the package supports Node 20.11.
import { createHash } from "node:crypto";

function crc32Table(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32 = crc32Table(0xedb88320);
const CRC32C = crc32Table(0x82f63b78);

function crc32With(table: Uint32Array, data: Uint8Array): Buffer {
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out;
}

// CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5), the SDKs' CRC64NVME.
let crc64Table: BigUint64Array | undefined;
function crc64nvme(data: Uint8Array): Buffer {
  if (!crc64Table) {
    crc64Table = new BigUint64Array(256);
    for (let n = 0; n < 256; n++) {
      let c = BigInt(n);
      for (let k = 0; k < 8; k++) c = c & 1n ? 0x9a6c9329ac4bc9b5n ^ (c >> 1n) : c >> 1n;
      crc64Table[n] = c;
    }
  }
  let crc = 0xffffffffffffffffn;
  for (const byte of data) crc = crc64Table[Number((crc ^ BigInt(byte)) & 0xffn)]! ^ (crc >> 8n);
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(crc ^ 0xffffffffffffffffn);
  return out;
}

/** Checksum algorithms by the suffix of their `x-amz-checksum-<name>` header. */
export const CHECKSUMS: Readonly<Record<string, (data: Uint8Array) => Buffer>> = {
  crc32: (data) => crc32With(CRC32, data),
  crc32c: (data) => crc32With(CRC32C, data),
  crc64nvme,
  sha1: (data) => createHash("sha1").update(data).digest(),
  sha256: (data) => createHash("sha256").update(data).digest(),
};

export const md5 = (data: Uint8Array): Buffer => createHash("md5").update(data).digest();
export const sha256Hex = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");
