/**
 * `pipeline kibana`: the saved objects analysts start from — a data view on the article alias, a saved
 * search, charts of who and where the news is about and of who republishes it, and a dashboard of them —
 * built for the configured alias and imported through Kibana's saved-objects API (or printed as NDJSON).
 *
 * The visualizations are Kibana's aggregation-based kind in their 7.x form, without migration versions:
 * Kibana migrates them on import, which keeps the file short and valid across 8.x releases.
 */
import { ABORTED, errorMessage, retryRetriable, TransientError, type BackoffOptions } from '@arabic-news/shared';

export interface SavedObject {
  type: 'index-pattern' | 'search' | 'visualization' | 'dashboard';
  id: string;
  attributes: Record<string, unknown>;
  references: { name: string; type: string; id: string }[];
}

const INDEX_REF = 'kibanaSavedObjectMeta.searchSourceJSON.index';
const EMPTY_QUERY = { query: { query: '', language: 'kuery' }, filter: [] };

function searchSource(): Record<string, string> {
  return { searchSourceJSON: JSON.stringify({ ...EMPTY_QUERY, indexRefName: INDEX_REF }) };
}

const count = { id: '1', enabled: true, type: 'count', params: {}, schema: 'metric' };
const terms = (id: string, field: string, size: number, schema: string) => ({
  id,
  enabled: true,
  type: 'terms',
  params: { field, size, order: 'desc', orderBy: '1', otherBucket: false, missingBucket: false },
  schema,
});

function histogramParams(label: string) {
  return {
    type: 'histogram',
    grid: { categoryLines: false },
    categoryAxes: [
      {
        id: 'CategoryAxis-1',
        type: 'category',
        position: 'bottom',
        show: true,
        style: {},
        scale: { type: 'linear' },
        labels: { show: true, filter: true, truncate: 100 },
        title: {},
      },
    ],
    valueAxes: [
      {
        id: 'ValueAxis-1',
        name: 'LeftAxis-1',
        type: 'value',
        position: 'left',
        show: true,
        style: {},
        scale: { type: 'linear', mode: 'normal' },
        labels: { show: true, rotate: 0, filter: false, truncate: 100 },
        title: { text: label },
      },
    ],
    seriesParams: [
      {
        show: true,
        type: 'histogram',
        mode: 'stacked',
        data: { label, id: '1' },
        valueAxis: 'ValueAxis-1',
        drawLinesBetweenPoints: true,
        lineWidth: 2,
        showCircles: true,
      },
    ],
    addTooltip: true,
    addLegend: true,
    legendPosition: 'right',
    times: [],
    addTimeMarker: false,
    labels: { show: false },
    thresholdLine: { show: false, value: 10, width: 1, style: 'full', color: '#E7664C' },
  };
}

const TAGCLOUD = { scale: 'linear', orientation: 'single', minFontSize: 14, maxFontSize: 60, showLabel: false };
const TABLE = { perPage: 20, showPartialRows: false, showMetricsAtAllLevels: false, showTotal: false, totalFunc: 'sum', percentageCol: '' };

/** The saved objects for an alias (`articles` unless INDEX_ALIAS says otherwise). */
export function savedObjects(alias: string): SavedObject[] {
  const dataView = `arabic-news-${alias}`;
  const visualization = (id: string, title: string, type: string, params: object, aggs: object[]): SavedObject => ({
    type: 'visualization',
    id: `${dataView}-${id}`,
    attributes: {
      title,
      description: '',
      uiStateJSON: '{}',
      version: 1,
      visState: JSON.stringify({ title, type, params, aggs }),
      kibanaSavedObjectMeta: searchSource(),
    },
    references: [{ name: INDEX_REF, type: 'index-pattern', id: dataView }],
  });
  const dateHistogram = (field: string) => ({
    id: '2',
    enabled: true,
    type: 'date_histogram',
    params: { field, useNormalizedEsInterval: true, interval: 'auto', drop_partials: false, min_doc_count: 1, extended_bounds: {} },
    schema: 'segment',
  });
  const charts = [
    visualization('per-day', 'Articles by publication date and source', 'histogram', histogramParams('Articles'), [
      count,
      dateHistogram('publishedAt'),
      terms('3', 'source', 10, 'group'),
    ]),
    visualization('indexed', 'Articles indexed over time, by source (is a source silent?)', 'histogram', histogramParams('Articles'), [
      count,
      dateHistogram('indexedAt'),
      terms('3', 'source', 20, 'group'),
    ]),
    visualization('people', 'People in the news', 'tagcloud', TAGCLOUD, [count, terms('2', 'people', 40, 'segment')]),
    visualization('places', 'Places in the news', 'tagcloud', TAGCLOUD, [count, terms('2', 'places', 40, 'segment')]),
    visualization('organizations', 'Organisations in the news', 'tagcloud', TAGCLOUD, [count, terms('2', 'organizations', 40, 'segment')]),
    visualization('republishers', 'Who republishes stories first published elsewhere', 'table', TABLE, [
      count,
      terms('2', 'alsoPublishedBy.source', 20, 'bucket'),
    ]),
    visualization('agencies', 'Agencies credited', 'table', TABLE, [count, terms('2', 'agency', 20, 'bucket')]),
  ];
  const search: SavedObject = {
    type: 'search',
    id: `${dataView}-latest`,
    attributes: {
      title: 'Arabic news: latest articles',
      description: '',
      columns: ['title', 'source', 'people', 'places', 'organizations'],
      sort: [['publishedAt', 'desc']],
      kibanaSavedObjectMeta: searchSource(),
    },
    references: [{ name: INDEX_REF, type: 'index-pattern', id: dataView }],
  };
  // A 48-column grid: the two time charts across, the three clouds in a row, then the tables and the list.
  const layout: [SavedObject, number, number, number, number][] = [
    [charts[0]!, 0, 0, 48, 12],
    [charts[2]!, 0, 12, 16, 14],
    [charts[3]!, 16, 12, 16, 14],
    [charts[4]!, 32, 12, 16, 14],
    [charts[5]!, 0, 26, 24, 14],
    [charts[6]!, 24, 26, 24, 14],
    [search, 0, 40, 48, 20],
    [charts[1]!, 0, 60, 48, 12],
  ];
  const dashboard: SavedObject = {
    type: 'dashboard',
    id: `${dataView}-overview`,
    attributes: {
      title: 'Arabic news overview',
      description: `Who and where the news in "${alias}" is about, who republishes it, and whether every source still delivers.`,
      timeRestore: false,
      version: 1,
      optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, hidePanelTitles: false }),
      panelsJSON: JSON.stringify(
        layout.map(([object, x, y, w, h], i) => ({
          version: '7.17.0',
          type: object.type,
          gridData: { x, y, w, h, i: String(i) },
          panelIndex: String(i),
          embeddableConfig: {},
          panelRefName: `panel_${i}`,
        })),
      ),
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify(EMPTY_QUERY) },
    },
    references: layout.map(([object], i) => ({ name: `panel_${i}`, type: object.type, id: object.id })),
  };
  return [
    {
      type: 'index-pattern',
      id: dataView,
      attributes: { title: alias, name: `Arabic news (${alias})`, timeFieldName: 'publishedAt' },
      references: [],
    },
    search,
    ...charts,
    dashboard,
  ];
}

export const toNdjson = (objects: SavedObject[]): string => objects.map((object) => `${JSON.stringify(object)}\n`).join('');

/**
 * Imports the objects into Kibana (overwriting earlier copies), waiting for Kibana to come up first
 * (it takes a minute after its container starts). Returns how many objects Kibana accepted.
 */
export async function importSavedObjects(
  url: string,
  objects: SavedObject[],
  options: { backoff?: BackoffOptions; waitMs?: number; onRetry?: (reason: string) => void } = {},
): Promise<number> {
  const send = async () => {
    const form = new FormData();
    form.append('file', new Blob([toNdjson(objects)], { type: 'application/ndjson' }), 'arabic-news.ndjson');
    let response: Response;
    try {
      response = await fetch(new URL('/api/saved_objects/_import?overwrite=true', url), {
        method: 'POST',
        headers: { 'kbn-xsrf': 'true' },
        body: form,
      });
    } catch (err) {
      throw new TransientError('KIBANA_UNREACHABLE', `Kibana at ${url} does not answer (${errorMessage(err)})`);
    }
    const text = await response.text();
    // 503 while Kibana starts; 404 while its HTTP server is up but the saved-objects plugin is not.
    if (response.status === 503 || response.status === 404)
      throw new TransientError('KIBANA_STARTING', `Kibana answers ${response.status}`);
    if (!response.ok) throw new Error(`Kibana refused the import: HTTP ${response.status}: ${text.slice(0, 500)}`);
    const body = JSON.parse(text) as { success: boolean; successCount: number; errors?: unknown[] };
    if (!body.success)
      throw new Error(`Kibana imported ${body.successCount} of ${objects.length}: ${JSON.stringify(body.errors).slice(0, 1000)}`);
    return body.successCount;
  };
  const waitMs = options.waitMs ?? 180_000;
  let last = '';
  const result = await retryRetriable(send, {
    backoff: options.backoff ?? { initialMs: 1000, maxMs: 10_000 },
    signal: AbortSignal.timeout(waitMs),
    onRetry: (err) => {
      last = errorMessage(err);
      options.onRetry?.(last);
    },
  });
  if (result === ABORTED) throw new Error(`Kibana at ${url} was not ready within ${waitMs / 1000} s: ${last}`);
  return result;
}
