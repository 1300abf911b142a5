{{/*
The node's pod template, shared by the Deployment (relayed mode) and the DaemonSet
(hostNetwork mode).
*/}}
{{- define "dhcp-cluster.podTemplate" -}}
{{- $hostNetwork := .Values.traffic.hostNetwork.enabled -}}
metadata:
  labels:
    {{- include "dhcp-cluster.labels" (dict "ctx" . "component" "node") | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # a change of node.conf changes this hash and so rolls the pods
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "dhcp-cluster.serviceAccountName" . }}
  automountServiceAccountToken: true
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if $hostNetwork }}
  hostNetwork: true
  dnsPolicy: ClusterFirstWithHostNet
  {{- end }}
  # preStop POST /leave needs: drain delay + closing sockets + leaving the cluster + shard hand-off
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    fsGroup: 10001
    seccompProfile:
      type: RuntimeDefault
  {{- $nodeSelector := .Values.nodeSelector }}
  {{- if $hostNetwork }}
  {{- $nodeSelector = merge (dict) .Values.traffic.hostNetwork.nodeSelector .Values.nodeSelector }}
  {{- end }}
  {{- with $nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if .Values.affinity }}
  affinity:
    {{- toYaml .Values.affinity | nindent 4 }}
  {{- else if not $hostNetwork }}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                {{- include "dhcp-cluster.selectorLabels" (dict "ctx" . "component" "node") | nindent 16 }}
  {{- end }}
  containers:
    - name: node
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      ports:
        - name: dhcpv4
          containerPort: 67
          protocol: UDP
        {{- if .Values.dhcp.v6.enabled }}
        - name: dhcpv6
          containerPort: 547
          protocol: UDP
        {{- end }}
        - name: http
          containerPort: {{ .Values.containerPorts.http }}
          protocol: TCP
        # cluster bootstrap probes contact points on the port with exactly this name
        - name: management
          containerPort: {{ .Values.containerPorts.management }}
          protocol: TCP
        - name: remoting
          containerPort: {{ .Values.containerPorts.remoting }}
          protocol: TCP
      env:
        - name: JAVA_TOOL_OPTIONS
          value: {{ .Values.jvm.options | quote }}
        # read by the image's entrypoint (deploy/image/entrypoint.sh); the ConfigMap is mounted there
        - name: DHCP_CONFIG
          value: /etc/dhcp-node/node.conf
        - name: POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        {{- $secret := include "dhcp-cluster.databaseSecretName" . }}
        {{- range $env, $key := dict "DHCP_DB_URL" .Values.postgresql.secretKeys.url "DHCP_DB_USER" .Values.postgresql.secretKeys.user "DHCP_DB_PASSWORD" .Values.postgresql.secretKeys.password }}
        - name: {{ $env }}
          valueFrom:
            secretKeyRef:
              name: {{ $secret }}
              key: {{ $key }}
        {{- end }}
        - name: DHCP_APP_VERSION
          value: {{ include "dhcp-cluster.appVersion" . | quote }}
      startupProbe:
        httpGet:
          path: /health
          port: http
        periodSeconds: {{ .Values.probes.startup.periodSeconds }}
        failureThreshold: {{ .Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /health
          port: http
        periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /ready
          port: http
        periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
      lifecycle:
        preStop:
          # POST /leave with the token (an httpGet hook can do neither), to the address and token
          # file node.conf names; returns once the pod has stopped answering, left the cluster and
          # handed its shards off
          exec:
            command: ["/app/entrypoint.sh", "leave"]
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        readOnlyRootFilesystem: true
        # true on purpose: the image gives the java binary the file capability
        # cap_net_bind_service so this non-root user can bind ports 67 and 547. Kubernetes
        # grants added capabilities to non-root processes only through file capabilities,
        # and allowPrivilegeEscalation: false sets no_new_privs, which makes the kernel
        # ignore file capabilities.
        allowPrivilegeEscalation: true
        capabilities:
          drop: ["ALL"]
          add: ["NET_BIND_SERVICE"]
      volumeMounts:
        - name: config
          mountPath: /etc/dhcp-node
          readOnly: true
        - name: management-token
          mountPath: {{ include "dhcp-cluster.managementTokenDir" . }}
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- if .Values.clusterTls.enabled }}
        # cluster TLS: the whole Secret as a directory (no subPath), so a rotated Secret reaches the files
        - name: cluster-tls
          mountPath: /run/secrets/dhcp-cluster-tls
          readOnly: true
        {{- end }}
  volumes:
    - name: management-token
      secret:
        secretName: {{ include "dhcp-cluster.managementSecretName" . }}
        defaultMode: 0440
        items:
          - key: {{ .Values.management.tokenKey }}
            path: {{ .Values.management.tokenKey }}
    - name: config
      configMap:
        name: {{ include "dhcp-cluster.fullname" . }}
        items:
          - key: node.conf
            path: node.conf
    - name: tmp
      emptyDir: {}
    {{- if .Values.clusterTls.enabled }}
    - name: cluster-tls
      secret:
        secretName: {{ include "dhcp-cluster.clusterTlsSecret" . }}
    {{- end }}
{{- end }}
