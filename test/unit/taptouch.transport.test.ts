import { envelopeErrorDetails, taptouchPaging, unwrapEnvelope } from '../../packages/n8n-nodes-taptouch/nodes/Taptouch/transport';

const envelope = (ack: unknown, data: unknown, errors?: unknown) => ({
	status: { timestamp: 1767610800, ack, ...(errors === undefined ? {} : { errors }) },
	data,
});

describe('Taptouch envelope', () => {
	it('returns data of a 200 envelope, list or single record', () => {
		expect(unwrapEnvelope(envelope(200, [{ id: 'a' }]))).toEqual({ data: [{ id: 'a' }] });
		expect(unwrapEnvelope(envelope(200, { id: 'a' }))).toEqual({ data: { id: 'a' } });
		expect(unwrapEnvelope(envelope('200', []))).toEqual({ data: [] });
	});

	it('accepts any 2xx ack, as Taptouch documents 2xx as success', () => {
		expect(unwrapEnvelope(envelope(201, { id: 'new' }))).toEqual({ data: { id: 'new' } });
	});

	it('treats an ack other than 2xx as an error, with the string errors as message', () => {
		expect(unwrapEnvelope(envelope(422, null, 'count is not valid'))).toEqual({
			error: { message: 'count is not valid', code: undefined },
			status: 422,
		});
	});

	it('reads { code, message } error objects', () => {
		expect(unwrapEnvelope(envelope(403, null, { code: 'store_forbidden', message: 'The store is forbidden to access.' }))).toEqual({
			error: { message: 'The store is forbidden to access.', code: 'store_forbidden' },
			status: 403,
		});
	});

	it('turns a field map into one line', () => {
		expect(unwrapEnvelope(envelope(422, null, { quantity: 'must be a whole number', price: ['must be positive'] }))).toEqual({
			error: { message: 'quantity: must be a whole number; price: must be positive', code: undefined },
			status: 422,
		});
	});

	it('still names the status when there is no error text', () => {
		expect(unwrapEnvelope(envelope(500, null))).toEqual({
			error: { message: 'status 500 without an error message', code: undefined },
			status: 500,
		});
	});

	it('treats errors without an ack as a failure and a body without envelope as not Taptouch', () => {
		expect(unwrapEnvelope({ status: { errors: 'broken' }, data: null })).toEqual({
			error: { message: 'broken', code: undefined },
			status: undefined,
		});
		expect(unwrapEnvelope({ status: {}, data: [1] })).toEqual({ data: [1] });
		expect(unwrapEnvelope([{ id: 'a' }])).toEqual({
			error: { message: 'the answer was not a Taptouch response (no "status" envelope)' },
		});
	});

	it('reads error details of 4xx bodies with or without an envelope', () => {
		expect(envelopeErrorDetails(envelope(404, null, 'Order x was not found.'))).toEqual({ message: 'Order x was not found.' });
		expect(envelopeErrorDetails({ error: 'bad_gateway', message: 'upstream down' })).toEqual({
			message: 'upstream down',
			code: 'bad_gateway',
		});
		expect(envelopeErrorDetails('Service Unavailable')).toEqual({ message: 'Service Unavailable' });
	});
});

describe('Taptouch paging', () => {
	it('pages with a page-number index and the documented count of 100', () => {
		const paging = taptouchPaging();
		expect([0, 1, 2].map((page) => paging.pageQuery(page, page * 100, undefined))).toEqual([
			{ qs: { index: 0, count: 100 }, size: 100 },
			{ qs: { index: 1, count: 100 }, size: 100 },
			{ qs: { index: 2, count: 100 }, size: 100 },
		]);
	});

	it('asks for no more than a small limit, and keeps count constant across pages', () => {
		const small = taptouchPaging(30);
		expect(small.pageQuery(0, 0, 30)).toEqual({ qs: { index: 0, count: 30 }, size: 30 });
		expect(small.pageQuery(1, 30, 5)).toEqual({ qs: { index: 1, count: 30 }, size: 30 });
		const large = taptouchPaging(250);
		expect(large.pageQuery(2, 200, 50)).toEqual({ qs: { index: 2, count: 100 }, size: 100 });
	});

	it('identifies records by id, so a record shifted onto the next page is not emitted twice', () => {
		const paging = taptouchPaging();
		expect(paging.recordKey?.({ id: 7 })).toBe('7');
		expect(paging.recordKey?.({ name: 'no id' })).toBeUndefined();
	});
});
