# syntax=docker/dockerfile:1
# GeoFlowNet-SAR silo, GPU role (the U-Net on CUDA).
#
# NOT buildable in the development workplace: the CUDA LibTorch packages (e.g. libtorch-cuda-12.8-linux-x64, several GB)
# are not served by its NuGet mirror. Build it where nuget.org (or a mirror carrying them) is reachable:
#   docker build -f docker/silo-gpu.Dockerfile \
#     --build-arg LIBTORCH_PACKAGE=libtorch-cuda-12.8-linux-x64 --build-arg LIBTORCH_VERSION=2.10.0 \
#     -t geoflownet/silo-gpu:0.1.0 .
# The build swaps the CPU LibTorch package for LIBTORCH_PACKAGE (same TorchSharp version; pick the CUDA build that
# matches TorchSharp's LibTorch version and the CUDA base image below).
# Runtime: Ubuntu 24.04 from NVIDIA's CUDA image, so GDAL is libgdal34t64 (libgdal.so.34, selected with
# GEOFLOWNET_GDAL_LIBRARY) instead of Debian 12's libgdal32.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG RUNTIME_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

FROM ${SDK_IMAGE} AS build
ARG LIBTORCH_PACKAGE=libtorch-cuda-12.8-linux-x64
ARG LIBTORCH_VERSION=2.10.0
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/ src/
# The U-Net weights (models/geoflownet-sar.gfnw, copied next to the binaries when present; models/training is ignored).
# Without them the "unet" method is listed as unavailable; GEOFLOWNET_MODEL may point at weights mounted at run time.
# "models*": BuildKit accepts a wildcard that matches nothing (a clone without trained weights).
COPY models* models/
# Select the LibTorch package: replace the CPU one in the central versions and in TorchSupport (build copy only).
RUN sed -i "s|Include=\"libtorch-cpu-linux-x64\" Version=\"[^\"]*\"|Include=\"${LIBTORCH_PACKAGE}\" Version=\"${LIBTORCH_VERSION}\"|" Directory.Packages.props \
 && sed -i "s|Include=\"libtorch-cpu-linux-x64\"|Include=\"${LIBTORCH_PACKAGE}\"|" src/GeoFlowNetSar.TorchSupport/GeoFlowNetSar.TorchSupport.csproj \
 && grep -q "${LIBTORCH_PACKAGE}" Directory.Packages.props
RUN dotnet restore src/GeoFlowNetSar.Silo/GeoFlowNetSar.Silo.csproj -r linux-x64 -p:SelfContained=true
RUN dotnet publish src/GeoFlowNetSar.Silo/GeoFlowNetSar.Silo.csproj -c Release -r linux-x64 --no-restore \
      -p:SelfContained=true -p:UseAppHost=true -o /app

FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgdal34t64 ca-certificates libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 geoflownet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin geoflownet
WORKDIR /app
COPY --from=build --chown=root:root /app/ /app/
ENV TMPDIR=/tmp \
    HOME=/tmp \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    GDAL_PAM_ENABLED=NO \
    GEOFLOWNET_GDAL_LIBRARY=libgdal.so.34 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    GeoFlowNetSar__Roles=gpu \
    GeoFlowNetSar__Device=cuda \
    GeoFlowNetSar__WorkFolder=/tmp/geoflownet \
    Cluster__HealthPort=8080 \
    Cluster__SiloPort=11111 \
    Cluster__GatewayPort=30000
EXPOSE 8080 11111 30000
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/geoflownet-silo"]
