import { LIST_BOUNDS } from '@newsgraph/news-package';
import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('claim')
@Check('claim_topics_bound', `cardinality(topics) <= ${LIST_BOUNDS.claimTopics}`)
export class ClaimEntity {
  @PrimaryColumn('text')
  key: string;

  @Column('text')
  text: string;

  @Column('text', { array: true })
  topics: string[];

  @Column('text', { name: 'content_hash' })
  contentHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
