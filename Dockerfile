# Concordia server image: built in one stage, run as a non-root user in a slim second stage.
# Production needs MONGODB_URI (a MongoDB 7+ replica set), SESSION_SECRET, DATA_ENCRYPTION_KEY and AUDIT_KEY; see README.md.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/concordia
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/client/dist ./client/dist
COPY --from=build --chown=root:root /app/config ./config
# Poppler's pdftotext and pdftoppm: the words of PDFs for search, and their first pages as previews.
RUN apt-get update && apt-get install -y --no-install-recommends poppler-utils \
    && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /var/lib/concordia && chown node:node /var/lib/concordia
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The same start command the test suite runs against the compiled server (test/server/build.test.ts).
CMD ["node", "dist/server/main.js"]
