# Weft image: one image, every role (`weft start | api | worker | scheduler | indexer`).
# Not built on our CI machines (no Docker engine there); see docker-compose.yml for the layout.
FROM node:20-bookworm-slim AS build
WORKDIR /weft
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci && npx turbo run build --filter=@weft/studio... --filter=@weft/sdk --filter=@weft/backoffice

FROM node:20-bookworm-slim
WORKDIR /weft
# No one signs up to a production installation; operators create accounts:
#   docker compose run --rm api users create-operator --email ops@example.com
ENV NODE_ENV=production HOST=0.0.0.0 PORT=2300 WEFT_SIGNUP=closed
# Set at run time, e.g. `docker run -e WEFT_PUBLIC_URL=https://weft.example.com -e WEFT_CORS_ORIGINS=https://app.example.com`:
# WEFT_CORS_ORIGINS lists the origins of the pages that embed the widgets (comma-separated); by default only
# the installation's own origin (WEFT_PUBLIC_URL) may call the API from a browser. The demo host is not served
# (WEFT_DEMO stays false).
COPY --from=build /weft /weft
EXPOSE 2300
ENTRYPOINT ["node", "server/bin/weft.js"]
CMD ["start"]
