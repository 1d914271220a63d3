import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  META_CONTEXT_CARD_STYLES,
  META_LEAD_FORM_LOCALES,
  META_LEAD_QUESTION_TYPES,
  META_PRIVACY_LINK_TEXT_MAX,
  META_QUESTION_KEY,
  META_THANK_YOU_BUTTON_TYPES,
  MetaContextCardStyle,
  MetaIntroPageInput,
  MetaLeadFormInput,
  MetaLeadFormLocale,
  MetaLeadQuestionInput,
  MetaLeadQuestionType,
  MetaThankYouButtonType,
  MetaThankYouPageInput,
} from '../../meta-lead-form.writer';

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };
/** Seed clients send every field of the thank-you page; an empty one means "not given". */
const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

export class LeadQuestionOptionDto {
  @ApiProperty({ example: 'yes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  key: string;

  @ApiProperty({ example: 'Yes, call me' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  value: string;
}

export class LeadQuestionDto implements MetaLeadQuestionInput {
  @ApiProperty({ enum: META_LEAD_QUESTION_TYPES })
  @IsIn(META_LEAD_QUESTION_TYPES)
  type: MetaLeadQuestionType;

  @ApiPropertyOptional({ description: 'The question shown, required for CUSTOM (prefill questions are labelled by Meta in the form locale)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  label?: string;

  @ApiPropertyOptional({ description: "The answer's name in the leads (CUSTOM: derived from the label when absent)", example: 'budget' })
  @IsOptional()
  @Matches(META_QUESTION_KEY, { message: 'key must be 1 to 100 letters, digits or underscores' })
  key?: string;

  @ApiPropertyOptional({ type: [LeadQuestionOptionDto], description: 'Multiple-choice answers (CUSTOM only)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LeadQuestionOptionDto)
  options?: LeadQuestionOptionDto[];
}

export class ThankYouPageDto implements MetaThankYouPageInput {
  @ApiProperty({ example: 'Thanks, you are all set' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'We will call you within a day.' })
  @IsString()
  @MaxLength(1000)
  body: string;

  @ApiPropertyOptional({ description: 'Required unless buttonType is NONE', example: 'Visit our site' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  buttonText?: string;

  @ApiProperty({ enum: META_THANK_YOU_BUTTON_TYPES })
  @IsIn(META_THANK_YOU_BUTTON_TYPES)
  buttonType: MetaThankYouButtonType;

  @ApiPropertyOptional({ description: 'Required for VIEW_WEBSITE and DOWNLOAD', example: 'https://example.com' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'websiteUrl must be an http(s) URL' })
  @MaxLength(2000)
  websiteUrl?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2; required for CALL_BUSINESS and WHATSAPP', example: 'US' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsISO31661Alpha2({ message: 'countryCode must be an ISO 3166-1 alpha-2 country code' })
  countryCode?: string;

  @ApiPropertyOptional({ description: 'Required for CALL_BUSINESS and WHATSAPP', example: '+14155550100' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{5,24}$/, { message: 'businessPhoneNumber must be a phone number (digits, optional leading +)' })
  businessPhoneNumber?: string;
}

export class IntroPageDto implements MetaIntroPageInput {
  @ApiProperty({ example: 'Get a free quote' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: META_CONTEXT_CARD_STYLES })
  @IsIn(META_CONTEXT_CARD_STYLES)
  style: MetaContextCardStyle;

  @ApiProperty({ type: [String], example: ['Takes one minute', 'No obligation'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  content: string[];
}

/** `POST /{teamId}/meta/lead-form` (seed contract). */
export class CreateLeadFormDto implements MetaLeadFormInput {
  @ApiProperty({ description: "One of the connected user's pages", example: '104857392011' })
  @Matches(/^\d{1,30}$/, { message: 'pageId must be a numeric page id' })
  pageId: string;

  @ApiProperty({ example: 'Spring quote form' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [LeadQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LeadQuestionDto)
  questions: LeadQuestionDto[];

  @ApiProperty({ example: 'https://example.com/privacy' })
  @IsUrl(HTTP_URL, { message: 'privacyPolicyUrl must be an http(s) URL' })
  @MaxLength(2000)
  privacyPolicyUrl: string;

  @ApiProperty({ description: `The link text of the privacy policy (at most ${META_PRIVACY_LINK_TEXT_MAX} characters)`, example: 'Privacy policy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(META_PRIVACY_LINK_TEXT_MAX)
  privacyPolicyName: string;

  @ApiProperty({ type: ThankYouPageDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ThankYouPageDto)
  thankYouPage: ThankYouPageDto;

  @ApiProperty({ enum: META_LEAD_FORM_LOCALES, description: "The form's locale (Meta's `locale`)" })
  @IsIn(META_LEAD_FORM_LOCALES)
  language: MetaLeadFormLocale;

  @ApiPropertyOptional({ type: IntroPageDto, description: "The intro page (Meta's `context_card`)" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IntroPageDto)
  introPage?: IntroPageDto;
}
