/**
 * `kubectl apply -f <file>` of InstanceType objects (one, several documents, or an `InstanceTypeList` / `List` whose
 * items inherit the list's kind, as the doc's `my_instance_type_list.yaml` relies on), the files read from the
 * run-command context. Each object is `created`, `configured` or `unchanged` (its last-applied configuration, which
 * kubectl keeps in the `kubectl.kubernetes.io/last-applied-configuration` annotation, compared), or refused with the
 * API server's message (instanceTypeValidation.ts); kubectl reports the refusals after the rest, and exits 1.
 */

import { instanceTypeApiVersion, storedInstanceType } from './instanceTypes';
import { instanceTypeFieldErrors, invalidMessage, unknownFields } from './instanceTypeValidation';
import type { ClusterObjects } from './kubectlInstanceTypes';
import type { KubectlResult } from './kubectlWorkloads';
import type { InstanceTypeResource, Json } from './model';
import { parseYamlDocuments, YamlError } from './yamlSubset';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

function filenames(args: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '-f' || a === '--filename') {
            out.push(args[++i] ?? '');
        } else if (a.startsWith('--filename=') || a.startsWith('-f=')) {
            out.push(a.slice(a.indexOf('=') + 1));
        }
    }
    return out;
}

/** JSON with sorted keys, as Go marshals the map kubectl stores. */
function sortedJson(v: unknown): string {
    if (Array.isArray(v)) {
        return `[${v.map(sortedJson).join(',')}]`;
    }
    if (v && typeof v === 'object') {
        const entries = Object.entries(v as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${sortedJson(x)}`).join(',')}}`;
    }
    return JSON.stringify(v);
}

const isMap = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The objects of a document: a `*List`'s items (inheriting its kind and version when they name none), or itself. */
function objectsOf(doc: unknown): unknown[] {
    if (isMap(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
        const itemKind = doc.kind === 'List' ? undefined : doc.kind.slice(0, -4);
        return doc.items.map((item) =>
            isMap(item) && itemKind ? { apiVersion: doc.apiVersion, kind: itemKind, ...item } : item,
        );
    }
    return [doc];
}

interface Outcome {
    ok: boolean;
    line: string;
}

function applyOne(file: string, raw: unknown, cluster: ClusterObjects, items: InstanceTypeResource[]): Outcome {
    const refused = (line: string): Outcome => ({ ok: false, line });
    const validating = (what: string): Outcome =>
        refused(
            `error: error validating "${file}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
        );
    if (!isMap(raw)) {
        return validating('invalid object to validate');
    }
    const missing = [raw.apiVersion ? '' : 'apiVersion not set', raw.kind ? '' : 'kind not set'].filter(Boolean);
    if (missing.length) {
        return validating(`[${missing.join(', ')}]`);
    }
    const metadata = isMap(raw.metadata) ? raw.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    if (raw.kind !== 'InstanceType') {
        return refused(
            `error: the emulator's kubectl applies InstanceType objects only (got ${String(raw.apiVersion)} ${String(raw.kind)} "${name}" from "${file}")`,
        );
    }
    if (raw.apiVersion !== instanceTypeApiVersion || !cluster.crdInstalled) {
        return refused(
            `error: resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "InstanceType" in version "${String(raw.apiVersion)}"\nensure CRDs are installed first`,
        );
    }
    if (!name) {
        return refused(
            `error: error when retrieving current configuration of:\nResource: "${instanceTypeApiVersion}, Resource=instancetypes", GroupVersionKind: "${instanceTypeApiVersion}, Kind=InstanceType"\nName: "", Namespace: ""\nfrom server for: "${file}": resource name may not be empty`,
        );
    }
    const existing = items.find((i) => i.metadata.name === name);
    const unknown = unknownFields(isMap(raw.spec) ? raw.spec : {});
    if (unknown.length) {
        return refused(
            `Error from server (BadRequest): error when ${existing ? 'patching' : 'creating'} "${file}": InstanceType in version "v1alpha1" cannot be handled as a InstanceType: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
        );
    }
    const errors = instanceTypeFieldErrors(name, raw.spec);
    if (errors.length) {
        return refused(invalidMessage(name, errors));
    }
    const annotations = { ...(isMap(metadata.annotations) ? metadata.annotations : {}) };
    delete annotations[lastApplied];
    const configuration = sortedJson({ ...raw, metadata: { ...metadata, annotations } }) + '\n';
    const previous = existing ? String(((existing.metadata.annotations ?? {}) as Json)[lastApplied] ?? '') : '';
    if (existing && previous === configuration) {
        return { ok: true, line: `instancetype.amlarc.azureml.com/${name} unchanged` };
    }
    const stored = storedInstanceType(
        {
            metadata: {
                ...(isMap(metadata.labels) ? { labels: metadata.labels } : {}),
                name,
                annotations: { ...annotations, [lastApplied]: configuration },
            },
            spec: raw.spec,
        },
        new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        existing,
    );
    items.splice(existing ? items.indexOf(existing) : items.length, existing ? 1 : 0, stored);
    return { ok: true, line: `instancetype.amlarc.azureml.com/${name} ${existing ? 'configured' : 'created'}` };
}

export function runApply(args: string[], cluster: ClusterObjects): KubectlResult {
    const files = filenames(args);
    if (files.length === 0) {
        return { exitCode: 1, logs: 'error: must specify one of -f and -k\n' };
    }
    const items = cluster.instanceTypes();
    const done: string[] = [];
    const errors: string[] = [];
    for (const file of files) {
        const content = cluster.files.get(file.replace(/^\.\//, ''));
        if (!content) {
            errors.push(`error: the path "${file}" does not exist`);
            continue;
        }
        let docs: unknown[];
        try {
            docs = parseYamlDocuments(content.toString('utf8'));
        } catch (e) {
            if (!(e instanceof YamlError)) {
                throw e;
            }
            errors.push(`error: error parsing ${file}: error converting YAML to JSON: ${e.message}`);
            continue;
        }
        for (const object of docs.flatMap(objectsOf)) {
            const outcome = applyOne(file, object, cluster, items);
            (outcome.ok ? done : errors).push(outcome.line);
        }
    }
    cluster.saveInstanceTypes(items);
    if (done.length === 0 && errors.length === 0) {
        errors.push('error: no objects passed to apply');
    }
    return { exitCode: errors.length ? 1 : 0, logs: [...done, ...errors].map((l) => l + '\n').join('') };
}
