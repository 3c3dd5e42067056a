import type { HealthStatus } from '../api.ts'

function tone(status: HealthStatus): 'up' | 'down' | 'warn' | 'unknown' {
  switch (status) {
    case 'UP':
      return 'up'
    case 'DOWN':
    case 'UNREACHABLE':
      return 'down'
    case 'OUT_OF_SERVICE':
      return 'warn'
    default:
      return 'unknown'
  }
}

export function StatusBadge({ status }: { status: HealthStatus }) {
  return (
    <span className={`badge badge--${tone(status)}`} data-status={status}>
      <span className="badge__dot" aria-hidden="true" />
      {status.replaceAll('_', ' ')}
    </span>
  )
}
