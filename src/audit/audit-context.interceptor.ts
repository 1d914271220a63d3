import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth-user';
import { runWithAuditRequest } from './audit-context';

/** Makes the request available to `AuditLog` for the whole handler, including its awaited continuations. */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return new Observable((subscriber) => {
      const subscription = runWithAuditRequest(request, () => next.handle().subscribe(subscriber));
      return () => subscription.unsubscribe();
    });
  }
}
