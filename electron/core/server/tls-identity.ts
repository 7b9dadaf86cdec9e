// Reads the certificate and key the core serves TLS with, checks that they belong together, and lists the
// names the certificate is valid for (the names the core's Host and Origin checks then accept).
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A certificate chain and its private key, PEM, ready for `https.createServer`. */
export interface TlsIdentity {
  readonly certificate: string;
  readonly key: string;
  /** DNS names and IP addresses of the leaf certificate's subjectAltName, lower case (what browsers check). */
  readonly names: readonly string[];
  /** SHA-256 of the leaf certificate (DER), hex: the Electron shell trusts exactly this certificate. */
  readonly fingerprint256: string;
  /** base64 SHA-256 of the leaf's public key (SPKI), for Chromium's --ignore-certificate-errors-spki-list. */
  readonly spkiSha256: string;
  /** When the certificate expires (ISO 8601). */
  readonly validTo: string;
}

/** Where the files were named, for error messages: `--tls-cert` or `workspace.json server.tls.certificate`. */
export interface TlsFiles {
  readonly certificateFile: string;
  readonly keyFile: string;
  readonly certificateField: string;
  readonly keyField: string;
}

/** Reads and checks the pair; throws an Error naming the field, the file and the problem. */
export async function readTlsIdentity(files: TlsFiles): Promise<TlsIdentity> {
  const read = async (file: string, field: string) => {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`${field}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`, {
        cause: error,
      });
    }
  };
  const certificate = await read(files.certificateFile, files.certificateField);
  const key = await read(files.keyFile, files.keyField);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(certificate);
  } catch {
    throw new Error(`${files.certificateField}: ${files.certificateFile} is not a PEM certificate`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`${files.keyField}: ${files.keyFile} is not a PEM private key (or it is encrypted)`);
  }
  if (!leaf.checkPrivateKey(privateKey))
    throw new Error(`${files.keyField}: ${files.keyFile} is not the key of ${files.certificateFile}`);
  const spki = leaf.publicKey.export({ type: 'spki', format: 'der' });
  return {
    certificate,
    key,
    names: subjectAltNames(leaf.subjectAltName),
    fingerprint256: leaf.fingerprint256.replaceAll(':', '').toLowerCase(),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    validTo: new Date(leaf.validTo).toISOString(),
  };
}

/**
 * The names of a subjectAltName string (`DNS:wall.example.cn, IP Address:192.168.1.20`). Wildcard DNS names
 * (`*.example.cn`) are left out: the core answers only names it can compare exactly.
 */
export function subjectAltNames(subjectAltName: string | undefined): string[] {
  const names: string[] = [];
  for (const entry of (subjectAltName ?? '').split(/,\s*/)) {
    const match = /^(DNS|IP Address):(.+)$/.exec(entry.trim());
    if (!match || match[2]!.includes('*')) continue;
    names.push(match[2]!.toLowerCase());
  }
  return names;
}
