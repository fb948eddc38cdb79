#!/bin/sh
# Stands in for Prisma's native schema engine, which this project never downloads.
# `prisma generate` does not need it; any command that does fails loudly here instead of
# silently doing nothing. Use the offline commands of packages/db instead (README: "Database").
echo "phresh: the native Prisma schema engine is not used here; run 'pnpm db:migrate:deploy' or 'pnpm db:migrate:create <name>' instead." >&2
exit 1
