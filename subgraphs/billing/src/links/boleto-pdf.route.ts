import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HttpError,
  isUuid,
  routeParams,
  Scope,
  type Clock,
  type Handler,
  type SubgraphRuntime,
} from '@saldo/kit';
import { chargeRepository, type ChargeRecord } from '../charges/charge.repository';
import { SUPPORTED_BANKS } from '../domain';
import { renderBoletoPdf } from '../domain/boleto-pdf';
import { profileRepository } from '../profiles/profile.repository';
import type { PdfLinkSigner } from './pdf-link';

export interface BoletoPdfRouteOptions {
  links: PdfLinkSigner;
  clock: Clock;
}

/**
 * The charge the request may see: the owner's (their internal token) or any with a valid
 * link. Either way the request carries the router's identity (a payer's is anonymous).
 */
async function chargeFor(
  runtime: SubgraphRuntime,
  req: IncomingMessage,
  id: string,
  params: URLSearchParams,
  options: BoletoPdfRouteOptions,
): Promise<ChargeRecord> {
  const em = runtime.orm.em.fork();
  // Only the router calls this: its token (verified below) is required, even for a link.
  if (!req.headers.authorization) throw new HttpError(401, 'Unauthenticated');
  const caller = await runtime.authenticate(req).catch(() => {
    throw new HttpError(401, 'Unauthenticated');
  });
  const signed = params.has('sig') || params.has('exp');
  if (signed) {
    if (!options.links.verify(id, params.get('exp'), params.get('sig'), options.clock.now())) {
      throw new HttpError(403, 'This link is invalid or has expired');
    }
    const charge = await chargeRepository.anyById(em, id);
    if (!charge) throw new HttpError(404, 'Charge not found');
    return charge;
  }
  if (caller.userId === null) throw new HttpError(401, 'Sign in, or use the link in the email');
  if (!caller.scopes.has(Scope.BILLING_READ)) {
    throw new HttpError(403, 'Missing scope billing:read');
  }
  const charge = await chargeRepository.get(em, caller.userId, id);
  if (!charge) throw new HttpError(404, 'Charge not found');
  return charge;
}

/**
 * `GET /charges/:id/boleto.pdf[?exp=..&sig=..]`: a charge's boleto as a PDF, rendered when
 * asked for (not stored). The owner calls it with their token; a payer with the signed,
 * expiring link of the email (the router serves it as `/billing/charges/:id/boleto.pdf`).
 */
export function boletoPdfRoute(runtime: SubgraphRuntime, options: BoletoPdfRouteOptions): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const params = new URL(req.url ?? '/', 'http://billing').searchParams;
    const { id = '' } = routeParams(req);
    if (!isUuid(id)) throw new HttpError(404, 'Charge not found');
    const charge = await chargeFor(runtime, req, id, params, options);
    if (!charge.barcode || !charge.digitableLine || !charge.ourNumber) {
      throw new HttpError(404, 'This charge has no boleto');
    }
    if (charge.status === 'CANCELLED') throw new HttpError(404, 'This charge was cancelled');
    const profile = await profileRepository.get(runtime.orm.em.fork(), charge.userId);
    if (!profile) throw new HttpError(404, 'Charge not found');
    const bankCode = profile.bankCode ?? '';
    const pdf = await renderBoletoPdf({
      beneficiaryName: profile.beneficiaryName ?? '',
      beneficiaryDocument: profile.beneficiaryDocument ?? '',
      bankCode,
      bankName: SUPPORTED_BANKS.find((b) => b.code === bankCode)?.name ?? bankCode,
      agency: profile.agency ?? '',
      account: profile.account ?? '',
      payerName: charge.payerName,
      payerDocument: charge.payerGovernmentId,
      amountCents: charge.amount,
      dueDate: charge.dueDate,
      ourNumber: charge.ourNumber,
      debtId: charge.debtId,
      barcode: charge.barcode,
      digitableLine: charge.digitableLine,
      pixBrCode: charge.pixBrCode,
      issuedAt: charge.createdAt,
      locale: 'pt-BR',
    });
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `inline; filename="boleto-${charge.id}.pdf"`,
      'cache-control': 'private, no-store',
    });
    res.end(pdf);
  };
}
