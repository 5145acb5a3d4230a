/**
 * Infrastructure as code: containers, Terraform, Pulumi/CDK, CloudFormation,
 * Kubernetes/Helm, configuration management. Plan and dry-run only; nothing applied.
 */
import type { RuleDefinition } from '../rule.ts';

const YAML_OR_JSON = ['*.yml', '*.yaml', '*.json'];

export const infraRules: readonly RuleDefinition[] = [
  {
    name: 'container',
    tier: 'high',
    category: 'infrastructure',
    reason: 'container definitions decide what runs in CI and production',
    paths: [
      'Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*', '.dockerignore',
      '.devcontainer/', 'devcontainer.json', '.devcontainer.json',
    ],
  },
  {
    name: 'terraform',
    tier: 'high',
    category: 'infrastructure',
    reason: 'infrastructure as code: applying it changes real cloud resources',
    paths: ['*.tf', '*.tf.json', '*.tfvars', '*.tfvars.json', '*.hcl', '.terraform-version', 'terraform/'],
  },
  {
    name: 'infrastructure-folder',
    tier: 'high',
    category: 'infrastructure',
    reason: 'infrastructure programs (Pulumi, CDK) and deployment definitions',
    paths: [
      'Pulumi.yaml', 'Pulumi.yml', 'Pulumi.*.yaml', 'Pulumi.*.yml', 'pulumi/', 'cdk.json', 'cdk.context.json', 'cdk/',
      '/infra/', '/infrastructure/', '/iac/', '/deploy/', '/deployment/', '/deployments/', '/ops/',
    ],
  },
  {
    name: 'cloudformation',
    tier: 'high',
    category: 'infrastructure',
    reason: 'CloudFormation/SAM templates define cloud resources',
    paths: ['cloudformation/', '*.cfn.{yml,yaml,json}', '*.template.{yml,yaml,json}', 'template.{yml,yaml}', 'samconfig.toml'],
  },
  {
    name: 'cloudformation-content',
    tier: 'high',
    category: 'infrastructure',
    reason: 'the content is a CloudFormation template',
    paths: YAML_OR_JSON,
    content: [/\bAWSTemplateFormatVersion\b/, /^\s*Type:\s*['"]?AWS::/m, /"Type"\s*:\s*"AWS::/],
    contentScope: 'file',
  },
  {
    name: 'kubernetes',
    tier: 'high',
    category: 'infrastructure',
    reason: 'cluster manifests and charts decide what runs, with which image and privileges',
    paths: [
      'k8s/', 'kubernetes/', 'kube/', 'kustomization.yaml', 'kustomization.yml', 'kustomize/', 'charts/', 'helm/',
      'Chart.yaml', 'Chart.lock', 'values.yaml', 'values-*.yaml', 'helmfile.yaml', 'helmfile.d/', 'argocd/',
    ],
  },
  {
    name: 'kubernetes-content',
    tier: 'high',
    category: 'infrastructure',
    reason: 'the content is a Kubernetes manifest',
    paths: ['*.yml', '*.yaml'],
    when: (file) => {
      const text = file.text ?? `${file.added}\n${file.removed}`;
      return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*[A-Z]\w*\s*$/m.test(text);
    },
  },
  {
    name: 'config-management',
    tier: 'high',
    category: 'infrastructure',
    reason: 'configuration management and machine definitions change hosts',
    paths: ['ansible/', 'playbook*.yml', 'playbooks/', 'roles/*/tasks/', '*.nix', 'Vagrantfile', 'salt/', 'puppet/', '*.pp', 'chef/'],
  },
];
