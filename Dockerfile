# Multi-stage build: a static binary (pure-Go SQLite, time zone data embedded)
# on an empty base, running as a non-root user.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /affaldsbot ./cmd/affaldsbot \
 && mkdir -p /data && chown 65532:65532 /data

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /affaldsbot /affaldsbot
COPY --from=build --chown=65532:65532 /data /data
USER 65532:65532
WORKDIR /data
ENV DATABASE_URL=sqlite:/data/affaldsbot.db HTTP_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/affaldsbot"]
CMD ["run"]
