# syntax=docker/dockerfile:1
# The STARK bot as a container: compiled JavaScript, production dependencies only, a non-root user, a health check.
#   docker build -t stark-bot .
#   docker run -p 3978:3978 -v stark-data:/var/lib/stark stark-bot
# Configuration comes from the environment (README › Running it); secrets are passed at run time, never baked in.

ARG NODE_VERSION=20

# --- build: compile src/ to dist/ with the full (dev) dependency set ---------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: none of the packages needs one to build (botbuilder-dialogs' postinstall only fetches rimraf).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: what production runs ------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    STARK_DATA_DIR=/var/lib/stark
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
# The store lives on a volume owned by the unprivileged `node` user of the base image; the code stays root-owned
# and read-only to it.
RUN mkdir -p /var/lib/stark && chown node:node /var/lib/stark
VOLUME ["/var/lib/stark"]
USER node
EXPOSE 3978
# Liveness: /healthz answers 200 while the process serves. (Readiness, /readyz, is for load balancers.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains turns and the outbound queue for STARK_SHUTDOWN_GRACE_SECONDS (25 s); give it 30 s (docker stop -t 30).
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js"]
