# syntax=docker/dockerfile:1
# geoflownet-client: submit / status / list / download / cancel against a running cluster.
#   docker build -f docker/client.Dockerfile -t geoflownet/client:0.1.0 .
#   docker run --rm geoflownet/client:0.1.0 --redis redis:6379 --storage azure --azure-connection-string "$AZ" list
# The client never touches pixels itself except to upload local inputs, so it needs no GDAL and no LibTorch.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG RUNTIME_IMAGE=debian:12.12-slim

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/ src/
RUN dotnet restore src/GeoFlowNetSar.Client/GeoFlowNetSar.Client.csproj -r linux-x64 -p:SelfContained=true
RUN dotnet publish src/GeoFlowNetSar.Client/GeoFlowNetSar.Client.csproj -c Release -r linux-x64 --no-restore \
      -p:SelfContained=true -p:UseAppHost=true -o /app

FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libstdc++6 zlib1g libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 geoflownet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin geoflownet
WORKDIR /app
COPY --from=build --chown=root:root /app/ /app/
ENV TMPDIR=/tmp \
    HOME=/tmp \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER 10001:10001
# A command-line tool, not a service: nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/app/geoflownet-client"]
CMD ["--help"]
