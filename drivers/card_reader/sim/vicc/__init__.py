"""A virtual eMRTD that answers on vpcd's socket: BAC, secure messaging, a fictitious holder, faults."""
