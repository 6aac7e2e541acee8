# librdkafka's abort racing its own AddPartitionsToTxn (confluent-kafka-python): commit a transaction (with
# offsets), then
# at once begin, produce and abort, many times. librdkafka sends the abort's EndTxn while its
# AddPartitionsToTxn is in flight and the commit's markers are still being written; answered
# INVALID_TXN_STATE (as Kafka answers an abort meeting PrepareCommit or CompleteCommit), the producer
# fails fatally. Prints one JSON line: the iterations done and the error, if any.
import json
import sys

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

bootstrap, topic, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'py-race-' + topic})
producer = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-race-' + topic})
done = 0
error = None
try:
    producer.init_transactions(30)
    for i in range(rounds):
        producer.begin_transaction()
        for p in range(3):
            producer.produce(topic, b'c', partition=p)
        producer.send_offsets_to_transaction(
            [TopicPartition(topic, 0, i)], consumer.consumer_group_metadata(), 30)
        producer.commit_transaction(30)
        producer.begin_transaction()
        producer.produce(topic, b'a', partition=i % 3)
        producer.abort_transaction(30)
        done += 1
except KafkaException as e:
    error = str(e)
print(json.dumps({'done': done, 'error': error}))
