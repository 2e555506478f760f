declare module '../../kernel/events.js' {
  interface DomainEvents {
    /** An agent came online or went away (their choice, or their console opening after a while), on this node. */
    'agent.presence': { agentId: string; status: 'online' | 'away' };
  }
}

export {};
