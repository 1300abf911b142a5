{{/* Chart name, shortened to the 63 characters a label value allows. */}}
{{- define "dhcp-cluster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<chart>" unless the release name already contains the chart name. */}}
{{- define "dhcp-cluster.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of the bundled PostgreSQL's StatefulSet, Service and Secret. */}}
{{- define "dhcp-cluster.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "dhcp-cluster.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that select one component's pods. Called with (dict "ctx" $ "component" "node").
The component keeps the bundled PostgreSQL pod out of the nodes' selectors and out of
cluster bootstrap's pod discovery.
*/}}
{{- define "dhcp-cluster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dhcp-cluster.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All standard labels of one component's resources. Called like selectorLabels. */}}
{{- define "dhcp-cluster.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "dhcp-cluster.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end }}

{{/* The label selector cluster bootstrap uses to find the other nodes, as one string. */}}
{{- define "dhcp-cluster.podLabelSelector" -}}
{{- $labels := include "dhcp-cluster.selectorLabels" (dict "ctx" . "component" "node") | fromYaml }}
{{- $pairs := list }}
{{- range $key := keys $labels | sortAlpha }}
{{- $pairs = append $pairs (printf "%s=%s" $key (get $labels $key)) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}

{{- define "dhcp-cluster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dhcp-cluster.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the nodes read the database settings from. */}}
{{- define "dhcp-cluster.databaseSecretName" -}}
{{- if .Values.postgresql.bundled.enabled }}
{{- include "dhcp-cluster.postgresql.fullname" . }}
{{- else }}
{{- .Values.postgresql.existingSecret }}
{{- end }}
{{- end }}

{{/* The Secret holding the management API's bearer token. */}}
{{- define "dhcp-cluster.managementSecretName" -}}
{{- default (printf "%s-management" (include "dhcp-cluster.fullname" .)) .Values.management.existingSecret }}
{{- end }}

{{/* Where the pods mount that Secret (beside the service account's); node.conf names the token file in it. */}}
{{- define "dhcp-cluster.managementTokenDir" -}}
/var/run/secrets/dhcp-node/management
{{- end }}

{{/*
The addresses the management API listens on, as a HOCON list: in relayed mode the pod's
loopback (its own network namespace: kubectl port-forward and the preStop hook) and the pod IP
(probes, the release's namespace); in hostNetwork mode management.hostNetworkAddresses
("${POD_IP}" stays a substitution).
*/}}
{{- define "dhcp-cluster.managementHosts" -}}
{{- $hosts := list "127.0.0.1" "${POD_IP}" }}
{{- if .Values.traffic.hostNetwork.enabled }}
{{- $hosts = .Values.management.hostNetworkAddresses }}
{{- end }}
{{- $items := list }}
{{- range $hosts }}
{{- if hasPrefix "${" . }}
{{- $items = append $items . }}
{{- else }}
{{- $items = append $items (quote .) }}
{{- end }}
{{- end }}
{{- printf "[%s]" (join ", " $items) }}
{{- end }}

{{/*
Pekko app-version: increases with every rollout so shards move to the new pods first.
The release revision grows with each install, upgrade and rollback.
*/}}
{{- define "dhcp-cluster.appVersion" -}}
{{- default (printf "1.0.%d" (int .Release.Revision)) .Values.cluster.appVersion }}
{{- end }}

{{/*
Cluster TLS: the Secret the pods mount, given or issued by cert-manager.
*/}}
{{- define "dhcp-cluster.clusterTlsSecret" -}}
{{- default (printf "%s-cluster-tls" (include "dhcp-cluster.fullname" .)) .Values.clusterTls.existingSecret }}
{{- end }}

{{/*
Rules that span several values. Each failed rule adds one line naming the key and the fix;
the template fails with all of them. Included from every workload template.
*/}}
{{- define "dhcp-cluster.validateValues" -}}
{{- $problems := list }}
{{- $relayed := .Values.traffic.relayed.enabled }}
{{- $hostNetwork := .Values.traffic.hostNetwork.enabled }}
{{- if and $relayed $hostNetwork }}
{{- $problems = append $problems "traffic: traffic.relayed.enabled and traffic.hostNetwork.enabled are both true; enable exactly one: set traffic.hostNetwork.enabled=false to serve relayed clients through the Service, or traffic.relayed.enabled=false to serve the nodes' own LAN" }}
{{- else if not (or $relayed $hostNetwork) }}
{{- $problems = append $problems "traffic: no traffic mode is enabled; set traffic.relayed.enabled=true (a Deployment behind a Service, for DHCP relays) or traffic.hostNetwork.enabled=true (a DaemonSet on the nodes' own LAN)" }}
{{- end }}
{{- if and (not .Values.postgresql.bundled.enabled) (not .Values.postgresql.existingSecret) }}
{{- $problems = append $problems "postgresql.existingSecret is required: create a Secret with keys jdbc-url, username, password (or set postgresql.bundled.enabled=true to try the chart)" }}
{{- end }}
{{- $replicas := int .Values.replicaCount }}
{{- $sbr := .Values.cluster.splitBrainResolver }}
{{- if and $relayed (not $hostNetwork) }}
{{- if and (eq $sbr.strategy "keep-majority") (lt $replicas 3) }}
{{- $problems = append $problems (printf "replicaCount=%d: a cluster of fewer than 3 cannot survive the loss of a node under keep-majority; set replicaCount to 3 or more" $replicas) }}
{{- end }}
{{- if gt (int .Values.cluster.requiredContactPoints) $replicas }}
{{- $problems = append $problems (printf "cluster.requiredContactPoints=%d is more than replicaCount=%d: the first pods would wait for contact points that never come; set cluster.requiredContactPoints to at most %d" (int .Values.cluster.requiredContactPoints) $replicas $replicas) }}
{{- end }}
{{- if eq $sbr.strategy "static-quorum" }}
{{- $quorum := int $sbr.quorumSize }}
{{- if le (mul $quorum 2) $replicas }}
{{- $problems = append $problems (printf "cluster.splitBrainResolver.quorumSize=%d is not more than half of replicaCount=%d: both sides of a partition could keep running; set it to at least %d" $quorum $replicas (add (div $replicas 2) 1)) }}
{{- else if gt $quorum $replicas }}
{{- $problems = append $problems (printf "cluster.splitBrainResolver.quorumSize=%d is more than replicaCount=%d: the cluster could never reach its quorum; set it to at most %d" $quorum $replicas $replicas) }}
{{- end }}
{{- end }}
{{- end }}
{{- /* cluster TLS */}}
{{- $tls := .Values.clusterTls }}
{{- if and $tls.enabled (not $tls.existingSecret) (not $tls.certManager.enabled) }}
{{- $problems = append $problems "clusterTls: pods authenticate each other with a TLS Secret (tls.key, tls.crt, ca.crt) and none is given; set clusterTls.existingSecret to its name, or clusterTls.certManager.enabled=true with clusterTls.certManager.issuerName to have cert-manager issue it, or clusterTls.enabled=false to run the cluster port unauthenticated" }}
{{- end }}
{{- if and $tls.enabled $tls.certManager.enabled (not $tls.certManager.issuerName) }}
{{- $problems = append $problems "clusterTls.certManager.issuerName is required with clusterTls.certManager.enabled: name the CA Issuer (or ClusterIssuer, with clusterTls.certManager.issuerKind) that signs the pods' certificate" }}
{{- end }}
{{- if and $tls.enabled $tls.certManager.enabled $tls.existingSecret }}
{{- $problems = append $problems "clusterTls.existingSecret and clusterTls.certManager.enabled exclude each other: either bring the Secret or let cert-manager issue it" }}
{{- end }}
{{- range .Values.management.hostNetworkAddresses }}
{{- if has . (list "0.0.0.0" "::" "[::]") }}
{{- $problems = append $problems (printf "management.hostNetworkAddresses lists %s: that is every address of the host, the clients' LAN included; list 127.0.0.1 and ${POD_IP} (or another management network address)" .) }}
{{- end }}
{{- end }}
{{- if lt (int .Values.terminationGracePeriodSeconds) 30 }}
{{- $problems = append $problems (printf "terminationGracePeriodSeconds=%d is too short for the preStop /leave (drain delay, then shard hand-off); set it to 30 or more" (int .Values.terminationGracePeriodSeconds)) }}
{{- end }}
{{- if $problems }}
{{- fail (printf "\n\nINVALID VALUES:\n%s" (join "\n" $problems)) }}
{{- end }}
{{- end }}
