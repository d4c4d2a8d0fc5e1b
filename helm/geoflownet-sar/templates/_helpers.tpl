{{/* Chart name, truncated to the DNS label limit. */}}
{{- define "geoflownet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name. */}}
{{- define "geoflownet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "geoflownet.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "geoflownet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: geoflownet-sar
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{- define "geoflownet.serviceAccountName" -}}
{{ include "geoflownet.fullname" . }}-silo
{{- end }}

{{/* OTLP endpoint of the silos: explicit, else the chart's collector, else empty. */}}
{{- define "geoflownet.otlpEndpoint" -}}
{{- if .Values.telemetry.otlpEndpoint }}
{{- .Values.telemetry.otlpEndpoint }}
{{- else if .Values.telemetry.collector.enabled }}
{{- printf "http://%s-otel-collector:4317" (include "geoflownet.fullname" .) }}
{{- end }}
{{- end }}

{{/* Security contexts shared by every workload (restricted Pod Security Standard). */}}
{{- define "geoflownet.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.uid }}
runAsGroup: {{ .Values.uid }}
fsGroup: {{ .Values.uid }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "geoflownet.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.uid }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}
