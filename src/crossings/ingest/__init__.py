"""Stage 1: any source → RawDoc records (files, folders, URLs, feeds, WARC). Filled in by the corpus issue."""
