/** Public surface of the model catalogue and installer, for the CLI and the ASR stage. */
export { CATALOG_PATH, DEFAULT_ASR_MODEL, catalogEntry, loadCatalog, requireInstalledModel } from './catalog.js';
export type { Catalog, CatalogEntry, InstalledModelFiles, ModelDownload } from './catalog.js';
export type { ProgressCallback } from './download.js';
export { DEFAULT_MODEL_BASE_URL, installModel, resolveBaseUrl } from './install.js';
export type { InstallOptions, InstallResult } from './install.js';
export { listModels, removeModel, verifyModel } from './inventory.js';
export type { FileCheck, ModelListing, VerifyResult } from './inventory.js';
export type { DownloadRecord, InstallManifest } from './manifest.js';
