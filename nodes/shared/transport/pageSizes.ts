import { MAX_REMEMBERED_PAGE_SIZES } from '../limits';
import type { ApiRequest, ProviderApi, RequestContext } from '../provider';
import { credentialOfRun, fingerprint } from './credential';

/** Page-size caps are taken to be multiples of this (APIs cap at 50, 100, 500, 1000). */
const PAGE_CAP_STEP = 50;

/**
 * What offset paging has learned, in this process, of the page size one credential's provider
 * serves for one kind of list. No provider documents a largest page, so a short page whose size
 * looks like a cap costs one more request (the probe); its answer is kept here, so that the probe
 * is paid once per credential and list, not once per owner.
 */
interface PageSizeKnowledge {
	/** The largest page served: any cap is at least this, so a shorter page that was short is the last. */
	served: number;
	/** A probe found nothing after a short page of this size: no cap there, such a page is the last. */
	uncappedAt: number;
	/** A probe found more after a short page of this size: the provider serves no more per page. */
	cap?: number;
	/** The probe in flight; settles when its answer is known or its pager stops without one. */
	probe?: Promise<void>;
}

/**
 * Keyed by the credential (n8n's id), what it is sent to and as whom (base URL, client id: a
 * changed credential does not inherit a cap learned elsewhere) and the list (`operation`, which
 * names the kind of list without the IDs in its path).
 */
const knowledge = new Map<string, PageSizeKnowledge>();

async function knowledgeOf(context: RequestContext, api: ProviderApi, request: ApiRequest): Promise<PageSizeKnowledge> {
	const state = await credentialOfRun(context, api);
	const key = `${state.credentialKey} ${fingerprint(state.baseUrl, state.credentials.clientId)} ${request.operation}`;
	let known = knowledge.get(key);
	if (known) {
		// Map order is insertion order: refresh the entry so that the least recently used goes first.
		knowledge.delete(key);
	} else {
		known = { served: 0, uncappedAt: 0 };
		if (knowledge.size >= MAX_REMEMBERED_PAGE_SIZES) knowledge.delete(knowledge.keys().next().value as string);
	}
	knowledge.set(key, known);
	return known;
}

/**
 * Whether a short page (fewer records than asked) of one pager's offset paging is the last, from
 * what is known of the provider's page size; where nothing is known and the size looks like a cap,
 * this pager's next page is the probe (`settleProbe` with its length). Concurrent pagers of the same
 * credential and list wait for a probe in flight instead of sending their own.
 */
export class PageSizeLearner {
	private claim?: { length: number; known: PageSizeKnowledge; settled: () => void };

	constructor(
		private readonly context: RequestContext,
		private readonly api: ProviderApi,
		private readonly request: ApiRequest,
	) {}

	/** True when the short page of `length` records ends the list; `largest` is this pager's largest page so far. */
	async isLastShortPage(length: number, largest: number): Promise<boolean> {
		const known = await knowledgeOf(this.context, this.api, this.request);
		known.served = Math.max(known.served, largest);
		for (;;) {
			if (known.cap !== undefined && length > known.cap) known.cap = undefined;
			if (known.cap !== undefined) return length < known.cap;
			if (length === 0 || length < known.served || length <= known.uncappedAt || length % PAGE_CAP_STEP !== 0) return true;
			if (!known.probe) break;
			await known.probe;
		}
		let settled = () => {};
		known.probe = new Promise<void>((resolve) => (settled = resolve));
		this.claim = { length, known, settled };
		return false;
	}

	/** The page after the probed one arrived with `length` records: the answer, for every pager. */
	settleProbe(length: number): void {
		const claim = this.claim;
		if (!claim) return;
		if (length > 0) claim.known.cap = claim.length;
		else claim.known.uncappedAt = Math.max(claim.known.uncappedAt, claim.length);
		this.release();
	}

	/** Ends this pager's probe without an answer (it failed, or its consumer stopped): another pager may probe. */
	release(): void {
		const claim = this.claim;
		if (!claim) return;
		this.claim = undefined;
		claim.known.probe = undefined;
		claim.settled();
	}
}
