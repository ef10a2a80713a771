# Self-hosted Engram sync relay (src/sync-server, started by bin/relay.js).
# UNTESTED on the machine it was written on (no Docker engine there): build and run it before relying on it.
#   docker build -t engram-relay . && docker run -p 4455:4455 -v engram-relay:/data engram-relay
FROM node:20-bookworm-slim

# Build tools for better-sqlite3 when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NODE_ENV=production \
    ELECTRON_SKIP_BINARY_DOWNLOAD=1

# The relay needs runtime dependencies only (tsx included); electron is optional and skipped.
# scripts/ is copied first because `postinstall` runs from it.
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
RUN npm ci --omit=optional --omit=dev && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY tsconfig.json ./

RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4455

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:4455/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

CMD ["node", "bin/relay.js", "--host", "0.0.0.0", "--port", "4455", "--db", "/data/relay.sqlite"]
