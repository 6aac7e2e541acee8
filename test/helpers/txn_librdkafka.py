# librdkafka (confluent-kafka-python) transactions against a Runnel broker: init_transactions, a committed
# transaction with send_offsets_to_transaction, an aborted one, then a read_committed consumer. Prints one
# JSON line with what it saw; exits non-zero on any client error.
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

bootstrap, topic = sys.argv[1], sys.argv[2]
consumer = Consumer({
    'bootstrap.servers': bootstrap,
    'group.id': 'py-txn-group',
    'isolation.level': 'read_committed',
    'auto.offset.reset': 'earliest',
    'enable.auto.commit': False,
})
producer = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-txn', 'enable.idempotence': True})
try:
    producer.init_transactions(30)
    producer.begin_transaction()
    producer.produce(topic, b'committed-1', partition=0)
    producer.produce(topic, b'committed-2', partition=0)
    producer.send_offsets_to_transaction([TopicPartition(topic, 0, 2)], consumer.consumer_group_metadata(), 30)
    producer.commit_transaction(30)
    producer.begin_transaction()
    producer.produce(topic, b'aborted', partition=0)
    # At once: librdkafka's AddPartitionsToTxn and the abort's EndTxn meet the commit's markers still being
    # written (the coordinator holds both until CompleteCommit; see txn_librdkafka_race.py).
    producer.abort_transaction(30)
except KafkaException as e:
    print(json.dumps({'error': str(e)}))
    sys.exit(1)

consumer.assign([TopicPartition(topic, 0, 0)])
values = []
deadline = time.time() + 15
while time.time() < deadline and len(values) < 2:
    m = consumer.poll(0.5)
    if m is None or m.error():
        continue
    values.append(m.value().decode())
# Anything after the two committed records (an aborted one leaking) would show up now.
extra = consumer.poll(2.0)
if extra is not None and not extra.error():
    values.append(extra.value().decode())
committed = consumer.committed([TopicPartition(topic, 0)], 10)[0].offset
consumer.close()
print(json.dumps({'values': values, 'committed': committed}))
