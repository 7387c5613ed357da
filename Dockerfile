# One image for every stage: `pipeline worker <stage>` picks the stage.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY services/fetcher/package.json services/fetcher/
COPY services/cleaner/package.json services/cleaner/
COPY services/dedup/package.json services/dedup/
COPY services/enricher/package.json services/enricher/
COPY services/indexer/package.json services/indexer/
COPY services/cli/package.json services/cli/
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin bin
COPY shared shared
COPY services services
COPY infra infra
COPY tests/fixtures tests/fixtures
USER node
# linkedom in a long-running process needs a bounded heap to stay steady (see docs).
ENV NODE_OPTIONS=--max-old-space-size=512
ENTRYPOINT ["node", "bin/pipeline.mjs"]
