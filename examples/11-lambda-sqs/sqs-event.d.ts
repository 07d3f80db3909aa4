// The parts of AWS Lambda's SQS event and partial batch response the handler uses, so the example
// needs no AWS SDK and no @types/aws-lambda (whose SQSEvent / SQSBatchResponse have the same shape).

export interface SQSRecordAttributes {
  readonly ApproximateReceiveCount: string;
  readonly SentTimestamp: string;
  readonly SenderId: string;
  readonly ApproximateFirstReceiveTimestamp: string;
  /** FIFO queues only: the member id, so one member's events are delivered in order. */
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
  readonly SequenceNumber?: string;
}

export interface SQSRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  /** The loyalty event as JSON. */
  readonly body: string;
  readonly attributes: SQSRecordAttributes;
  readonly messageAttributes: Readonly<Record<string, unknown>>;
  readonly md5OfBody: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

export interface SQSEvent {
  readonly Records: readonly SQSRecord[];
}

/** With `ReportBatchItemFailures` on the event source mapping: the messages to deliver again. */
export interface SQSBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}
