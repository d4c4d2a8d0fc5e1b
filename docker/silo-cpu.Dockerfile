# syntax=docker/dockerfile:1
# GeoFlowNet-SAR silo, CPU role (the correlators; the U-Net on CPU when also given role gpu).
# Build from the repository root:
#   docker build -f docker/silo-cpu.Dockerfile -t geoflownet/silo-cpu:0.1.0 .
# Runtime: Debian 12 (bookworm), GDAL 3.6 (libgdal32), self-contained .NET 10 (no bookworm .NET 10 images exist),
# TorchSharp + CPU LibTorch from the publish output. Runs as UID 10001, read-only root file system friendly.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG RUNTIME_IMAGE=debian:12.12-slim

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first (cached while only sources change).
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/ src/
# The U-Net weights (models/geoflownet-sar.gfnw, copied next to the binaries when present; models/training is ignored).
# Without them the "unet" method is listed as unavailable; GEOFLOWNET_MODEL may point at weights mounted at run time.
# "models*": BuildKit accepts a wildcard that matches nothing (a clone without trained weights).
COPY models* models/
RUN dotnet restore src/GeoFlowNetSar.Silo/GeoFlowNetSar.Silo.csproj -r linux-x64 -p:SelfContained=true
RUN dotnet publish src/GeoFlowNetSar.Silo/GeoFlowNetSar.Silo.csproj -c Release -r linux-x64 --no-restore \
      -p:SelfContained=true -p:UseAppHost=true -o /app

FROM ${RUNTIME_IMAGE} AS runtime
# libgdal32: raster I/O by P/Invoke. ca-certificates: TLS to Azure/Redis. libgomp1: LibTorch's OpenMP.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgdal32 ca-certificates libgomp1 libstdc++6 zlib1g libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 geoflownet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin geoflownet
WORKDIR /app
COPY --from=build --chown=root:root /app/ /app/
# Everything the process writes goes to /tmp (an emptyDir on Kubernetes, so the root file system can be read-only).
ENV TMPDIR=/tmp \
    HOME=/tmp \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0 \
    GDAL_PAM_ENABLED=NO \
    GeoFlowNetSar__Roles=cpu \
    GeoFlowNetSar__Device=cpu \
    GeoFlowNetSar__WorkFolder=/tmp/geoflownet \
    Cluster__HealthPort=8080 \
    Cluster__SiloPort=11111 \
    Cluster__GatewayPort=30000
EXPOSE 8080 11111 30000
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/geoflownet-silo"]
