// Red-team targets: anything that answers a conversation. See each file for what it attacks.
export { httpTarget, chatCompletionsUrl, type HttpTargetOptions } from './http-target.js';
export { localTarget } from './local-target.js';
export { gatewayTarget, type GatewayTargetOptions, type ClosableTarget } from './gateway-target.js';
export { functionTarget, type TargetFunction } from './function-target.js';
export { replyFromCompletion, replyFromError } from './reply.js';
