/** The split build's hashes (hex) in a file name. */
export declare const HASHED: RegExp;
export declare const IMMUTABLE: string;
export declare const REVALIDATE: string;

/** The response for a bundle file under `folder` (see static-bundles.mjs), or undefined when there is none. */
export declare function bundleResponse(folder: string, name: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer } | undefined>;
