/** The version of this bundle (the script-tag loader and the API it loads are one build). */
export const VERSION = '0.1.0';
